// citation-js ships no types: the little the tests use of it.
declare module '@citation-js/core' {
  export class Cite {
    static async(input: unknown): Promise<Cite>;
    data: unknown[];
    format(format: 'bibliography' | 'data' | 'bibtex' | 'ris', options?: Record<string, unknown>): string;
  }
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
