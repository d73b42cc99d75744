import { graphql } from '../generated';

/** Who is signed in, for the layout's access check and the header. */
export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      kind
      name
      role
      user {
        id
        name
        email
      }
      organization {
        id
        name
      }
    }
  }
`);

/** Opens a session; the API answers with the session cookie. */
export const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      expiresAt
    }
  }
`);

/** Creates an organisation with its first admin, and opens a session. */
export const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      expiresAt
    }
  }
`);

/** Ends the session; the API answers by clearing the cookie. */
export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);
