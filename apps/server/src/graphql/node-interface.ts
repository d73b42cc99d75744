import { Field, ID, InterfaceType } from 'type-graphql';

/** Relay's Node: anything with an opaque, globally unique id. */
@InterfaceType('Node', {
  description: 'An object with an opaque id that `node(id:)` can fetch.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { name: 'id' })
  nodeId!: string;
}
