import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Relay's Node: anything with an opaque, globally unique id.
 *
 * The concrete type is found by type-graphql's default, which picks the implementing class the
 * value is an instance of and so maps a class to its GraphQL name (`ApprovalPolicyVersion` is
 * `ApprovalPolicy`). It answers synchronously, as compiled execution requires: type-graphql wraps
 * a custom `resolveType` in an async function, which graphql-jit cannot await.
 */
@InterfaceType('Node', {
  description: 'An object with an opaque id that `node(id:)` can fetch.',
})
export abstract class Node {
  @Field(() => ID, { name: 'id' })
  nodeId!: string;
}
