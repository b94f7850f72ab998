/** Resolves in a new task: what runs after it does not lengthen the task that awaited it (a host page's long task). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
