// Serves dynalite (DynamoDB) on a free loopback port, in memory, and prints the port once it listens.
// Tables become ACTIVE (and deleted ones go) on the next turn of the event loop, not after its default half second;
// Dynalite.CreateTableAsync still waits for ACTIVE, as CloudFormation does, since a request can come in before that turn.
const dynalite = require('dynalite');
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
