// A process that opens (and so migrates) the database at argv[2] and prints its schema version: the
// PostgreSQL migration test starts two at once to check that they migrate an empty database once.
import { openDatabase, schemaVersion } from '../database';

const db = openDatabase(process.argv[2]!);
console.log(schemaVersion(db));
db.close();
