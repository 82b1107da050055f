// Saved example operations, one per kind of user: GraphiQL opens with one tab each (web/graphiql.ts, api/graphiql.ts).

export interface Example { title: string; query: string; variables?: Record<string, unknown> }

export const EXAMPLES: Example[] = [
  {
    title: 'Analyst: Oslo → Israel',
    query: `# How did the Oslo back channel reach Israel's leaders, and on whose evidence?
query OsloToIsrael($window: WindowInput) {
  influencePaths(from: "channel/oslo-1992", to: "government/israel", window: $window, k: 5) {
    paths {
      rank hopCount arrival certain evidence
      decisionMaker { name }
      hops { sentence instant link { confidence citations { source { title url } locator } } }
    }
    explanation
  }
}`,
    variables: { window: { from: '1992-12', to: '1993-09' } },
  },
  {
    title: 'Analyst: documented only',
    query: `# Who is documented to have received it? Participation and transmission links only.
{
  influencePaths(from: "channel/oslo-1992", to: "person/yitzhak-rabin", mode: DOCUMENTED,
                 window: { from: "1992-12", to: "1993-12" }, k: 5) {
    paths { hopCount arrival certain hops { sentence } }
    explanation
  }
}`,
  },
  {
    title: 'Analyst: what if?',
    query: `# What if Beilin had not been there? Exclude him and see what is left.
{
  influencePaths(from: "channel/oslo-1992", to: "person/yitzhak-rabin", mode: DOCUMENTED,
                 window: { from: "1992-12", to: "1993-12" }, exclude: ["person/yossi-beilin"]) {
    paths { hopCount arrival hops { sentence } }
    explanation stopReason closest { node { name } hops }
  }
}`,
  },
  {
    title: 'Contrast: Stockholm 1995',
    query: `# The 1995 Beilin–Abu Mazen understandings reached the mentors and never Rabin.
{
  influencePaths(from: "channel/stockholm-1994", to: "person/yitzhak-rabin", mode: DOCUMENTED,
                 window: { from: "1994-08", to: "1995-11-04" }) {
    paths { hopCount }
    explanation stopReason closest { node { name } hops arrival }
  }
}`,
  },
  {
    title: 'Historian: find a person',
    query: `# Names and aliases, tolerant of transliteration.
{
  search(text: "abu ala", limit: 5) {
    score matched
    node { id name aliases ... on Person { side offices { title when { label } } } }
  }
}`,
  },
  {
    title: 'Historian: a channel',
    query: `# A channel with its tracks over time, sessions, roles and sources.
{
  node(id: "channel/oslo-1992") {
    name description citations { source { title } locator }
    ... on Channel {
      when { label } tracks { track when { label } } venues outcome
      sessions { name when { label } place attendees { name } }
      roles { sentence confidence disputes { field value note } }
    }
  }
}`,
  },
  {
    title: 'Teacher: neighbourhood',
    query: `# Everything one hop from the Oslo channel, to draw on a board.
{
  neighbourhood(id: "channel/oslo-1992", depth: 1) {
    nodes { id name kind }
    links { type sentence when { label } }
    truncated
  }
}`,
  },
  {
    title: 'Teacher: bibliography for Zotero',
    query: `# Every source the Oslo story cites, as a RIS file for Zotero, EndNote or Mendeley (also CSL_JSON, BIBTEX).
# of takes one of: links (a path's link ids), story, nodes, or dataset: true.
{
  bibliography(of: { story: "story/oslo" }, format: RIS) {
    sourceCount datasetVersion
    file { name mediaType text }
  }
}`,
  },
  {
    title: 'Dataset',
    query: `# Which version of the data am I looking at?
{ dataset { version counts { people channels institutions governments links } citedShare datedShare loadedAt } }`,
  },
];
