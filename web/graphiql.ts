// Second entry of the web build: GraphiQL (npm `graphiql`, React from npm), opening with the saved examples as tabs.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import './graphiql.css';
import { graphiqlExamples, graphiqlFetcher } from './api.ts';

const target = document.getElementById('graphiql');
if (!target) throw new Error('graphiql.html lacks #graphiql');
const examples = await graphiqlExamples();
createRoot(target).render(
  createElement(GraphiQL, {
    fetcher: graphiqlFetcher,
    defaultTabs: examples.map((e) => ({ query: e.query, variables: e.variables ? JSON.stringify(e.variables, null, 2) : undefined })),
    defaultEditorToolsVisibility: true,
  }),
);
