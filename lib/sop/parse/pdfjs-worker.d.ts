// pdf.js ships no types for its worker module; we only hand the module to pdf.js as its in-thread "fake worker".
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
