// Fixtures run side by side: each starts its own app (TestServer, or Kestrel on a free port) on its own
// copy of the demo database, and browser fixtures their own Chromium; the app keeps no static state a
// fixture could change. Four workers on two cores, because much of a fixture's time is spent waiting
// on PostgreSQL, the disk or the browser.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
