// The selections every view asks for (a node in brief, a link with its evidence), shared by web/api.ts and the
// benchmark, so the benchmark pays for exactly what a user's screen asks for.
export const INTERVAL = 'text label from to point approximate';
export const CITATION = `locator source { id name ... on Source { title author outlet date url } }`;
export const NODE_BRIEF = `__typename id kind name
  ... on Person { side anonymous offices { id rank title when { ${INTERVAL} } to { id name } } }
  ... on Institution { side }
  ... on Government { side }
  ... on Channel { when { ${INTERVAL} } }
  ... on Session { when { ${INTERVAL} } }
  ... on Document { when { ${INTERVAL} } }`;
export const LINK = `id type family sentence confidence outcome role side title rank place note
  from { id name } to { id name } when { ${INTERVAL} }
  citations { ${CITATION} }
  disputes { field value note citations { ${CITATION} } }`;
