// Issue 20's cold start as a user meets it: a fresh Node process (as `npm start` runs the API: tsx, NODE_ENV
// production) builds the app on a loaded Neo4j and answers one influencePaths; the time is from the process's own
// start (performance.now() counts from it), so module loading counts too. Run by bench/lib/cold-start.ts.
// Input: one JSON argument (ApiStartInput). Prints one JSON line {ms, source}.
import { startAndAnswer, type ApiStartInput } from './cold-start.ts';

const { app, answeredAt, source } = await startAndAnswer(JSON.parse(process.argv[2]) as ApiStartInput);
await app.close();
console.log(JSON.stringify({ ms: answeredAt, source }));
