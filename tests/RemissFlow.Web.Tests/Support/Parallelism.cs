// Fixtures run side by side: each starts its own app (TestServer, or Kestrel on a free port) on its own
// copy of the demo database, and browser fixtures their own Chromium; the app keeps no static state a
// fixture could change. Five workers on two cores, because much of a fixture's time is spent waiting
// on PostgreSQL, the disk or the browser, and because up to two of them may be waiting for a browser
// fixture's turn (BrowserFixture.BrowsersAtOnce runs at once) while the others go on with the rest.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(5)]
