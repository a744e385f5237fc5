// Serves s3rver (S3) on a free loopback port, storing objects in the folder given as the first argument, and prints
// the port once it listens.
const S3rver = require('s3rver');
const directory = process.argv[2];
new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory })
  .run()
  .then(({ port }) => console.log(`listening ${port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
