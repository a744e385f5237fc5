// Serves dynalite (DynamoDB) on a free loopback port, in memory, and prints the port once it listens.
// Tables are created and deleted at once, so that a test need not wait for ACTIVE.
const dynalite = require('dynalite');
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
