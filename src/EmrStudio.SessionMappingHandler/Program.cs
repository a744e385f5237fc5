// Wiring only: the pieces are built and the invocation loop runs until the Runtime API says stop.
return 0;
