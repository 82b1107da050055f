// The GraphQL operations the workload sends, built from the web app's own selections (web/fragments.ts) so the
// benchmark pays for what a user's screen asks for.
import { CITATION, INTERVAL, LINK, NODE_BRIEF } from '../../web/fragments.ts';

export const DATASET = `query Dataset { dataset { version } }`;

export const SEARCH = `query Search($text: String!, $kinds: [NodeKind!], $limit: Int) {
  search(text: $text, kinds: $kinds, limit: $limit) { score matched node { ${NODE_BRIEF} } }
}`;

export const NEIGHBOURHOOD = `query Neighbourhood($id: ID!, $depth: Int, $linkTypes: [LinkType!], $limit: Int) {
  neighbourhood(id: $id, depth: $depth, linkTypes: $linkTypes, limit: $limit) {
    truncated nodes { ${NODE_BRIEF} } links { ${LINK} }
  }
}`;

export const INFLUENCE_PATHS = `query InfluencePaths($from: ID!, $to: ID, $window: WindowInput, $time: TimeMode, $mode: PathMode,
    $linkTypes: [LinkType!], $exclude: [ID!], $maxHops: Int, $k: Int) {
  influencePaths(from: $from, to: $to, window: $window, time: $time, mode: $mode, linkTypes: $linkTypes,
      exclude: $exclude, maxHops: $maxHops, k: $k) {
    static stopReason explanation datasetVersion
    closest { node { id name } hops arrival brokenLink { ${LINK} } }
    paths {
      rank hopCount arrival arrivalLabel certain evidence weakestHop
      source { id name } decisionMaker { id name } government { id name }
      nodes { ${NODE_BRIEF} }
      hops { against instant sentence from { id name } to { id name } link { ${LINK} } }
    }
  }
}`;

export const WHO_MET_WHOM = `query WhoMetWhom($a: ID!, $b: ID!, $window: WindowInput, $k: Int) {
  whoMetWhom(a: $a, b: $b, window: $window, k: $k) {
    explanation
    chains {
      people { id name }
      hops { kind from { id name } to { id name } when { ${INTERVAL} } place
        session { id name } channel { id name } citations { ${CITATION} } }
    }
  }
}`;

export const CHANNEL_REACH = `query ChannelReach($channel: ID!, $maxHops: Int) {
  channelReach(channel: $channel, maxHops: $maxHops) {
    channel { id name }
    participants { id name }
    sides { side governments { government { id name } hops arrival
      bestPath { rank hopCount arrival certain evidence hops { sentence instant } }
      leaders { leader { id name } by { id name } hops arrival } } }
    unreached { id name }
  }
}`;

export const BROKERS = `query Brokers($channel: ID, $maxHops: Int, $limit: Int) {
  brokers(channel: $channel, maxHops: $maxHops, limit: $limit) {
    person { id name } pathsThrough pairsThrough targetsLost extraHops laterArrivalDays
  }
}`;
