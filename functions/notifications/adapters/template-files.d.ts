/** A template file of templates/, bundled as its text (the `.hbs` text loader of contracts/function-bundling.ts). */
declare module '*.hbs' {
  const text: string;
  export default text;
}
