import { graphql } from '../generated';

/** The postmortem page: the incident, its versions, and its pinned timeline entries. */
export const PostmortemPageQuery = graphql(`
  query PostmortemPage($id: ID!) {
    incident(id: $id) {
      id
      reference
      title
      postmortemVersions(first: 50) {
        totalCount
        nodes {
          id
          number
          name
          automatic
          createdAt
          author {
            kind
            name
          }
        }
      }
      timeline(first: 100, filter: { pinned: true }) {
        nodes {
          id
          kind
          occurredAt
          body
        }
      }
    }
  }
`);

/** One postmortem version, laid out for reading. */
export const PostmortemVersionQuery = graphql(`
  query PostmortemVersion($id: ID!) {
    node(id: $id) {
      ... on PostmortemVersion {
        id
        number
        name
        automatic
        createdAt
        incidentId
        author {
          kind
          name
        }
        content {
          kind
          text
          depth
          level
          marker
        }
      }
    }
  }
`);

/** Saves the postmortem as it is now under a name. */
export const SavePostmortemVersionMutation = graphql(`
  mutation SavePostmortemVersion($input: SavePostmortemVersionInput!) {
    savePostmortemVersion(input: $input) {
      id
      number
    }
  }
`);

/** Brings an earlier version's text back, after saving the current text as a version. */
export const RestorePostmortemVersionMutation = graphql(`
  mutation RestorePostmortemVersion($input: RestorePostmortemVersionInput!) {
    restorePostmortemVersion(input: $input) {
      savedBefore {
        id
        number
      }
      restored {
        id
        number
      }
    }
  }
`);
