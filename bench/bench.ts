/** `npm run bench`: prints timings and Apps Script call counts. Nothing here asserts. */
async function run(): Promise<void> {
  const { benchFoundation } = await import('./foundation');
  await benchFoundation();
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
