/** Files Vite bundles as text (`import text from './file?raw'`). */
declare module '*?raw' {
  const text: string;
  export default text;
}
