/* global React, ReactDOM, GraphiQL */
// GraphiQL with the saved examples as its initial tabs (the same GraphiQL build Mercurius' IDE uses).
fetch('/graphiql/examples.json')
  .then((res) => res.json())
  .then((examples) => {
    const fetcher = GraphiQL.createFetcher({ url: `${location.origin}/graphql` });
    const defaultTabs = examples.map((e) => ({ query: e.query, variables: e.variables ? JSON.stringify(e.variables, null, 2) : undefined }));
    ReactDOM.createRoot(document.getElementById('main')).render(
      React.createElement(GraphiQL, { fetcher, defaultTabs, defaultEditorToolsVisibility: true }),
    );
  });
