import { graphql } from '../generated';

/** The catalog, by name. */
export const AutomationsQuery = graphql(`
  query Automations($first: Int, $after: String) {
    automations(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        platform
        criticality
        businessProcess
        dataKinds
        ownerTeam {
          id
          name
        }
      }
    }
  }
`);

/** One catalog entry and the incidents that named it. */
export const AutomationQuery = graphql(`
  query Automation($id: ID!) {
    automation(id: $id) {
      id
      name
      platform
      criticality
      businessProcess
      dataKinds
      externalUrl
      archivedAt
      createdAt
      updatedAt
      ownerTeam {
        id
        name
        riskAppetite
      }
      incidents(first: 20) {
        totalCount
        nodes {
          id
          reference
          title
          status
          severity
          createdAt
        }
      }
    }
  }
`);
