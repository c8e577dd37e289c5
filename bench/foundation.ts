export async function benchFoundation(): Promise<void> {}
