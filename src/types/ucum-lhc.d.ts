// @lhncbc/ucum-lhc ships no types; units/ucum.ts narrows what it uses.
declare module '@lhncbc/ucum-lhc' {
  const ucum: unknown;
  export default ucum;
}
