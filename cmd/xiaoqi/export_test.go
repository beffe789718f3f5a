package main

// Run exposes run to the tests of package main_test: a whole command line, as a user types it.
var Run = run
