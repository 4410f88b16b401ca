// Fixtures run side by side: each starts its own app on its own copy of a template database, with its
// own fake clock and SMTP server on a free port; nothing they change is static. Four workers on two
// cores, because a fixture spends much of its time waiting on PostgreSQL or the disk.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
