import { RICH_TEXT_BLOCK_KINDS, type RichTextBlockKind } from '@keel/collab';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { enumOf } from '../../graphql/enums.js';
import { PostmortemVersion } from './postmortem-version.entity.js';

/** Saves the postmortem as it is now under a name. */
@InputType('SavePostmortemVersionInput')
export class SavePostmortemVersionInput {
  @Field(() => ID)
  incidentId!: string;

  @Field(() => String, {
    description: 'Such as "submitted for review": one line, at most 200 characters.',
  })
  name!: string;
}

/** Brings back an earlier version's text. */
@InputType('RestorePostmortemVersionInput')
export class RestorePostmortemVersionInput {
  @Field(() => ID)
  versionId!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The number of the newest version the caller has seen. When given and someone has saved ' +
      'or restored a version since, the restore is refused with CONFLICT and nothing changes.',
  })
  expectedVersion?: number | null;
}

/** What a restore did. */
@ObjectType('RestorePostmortemVersionPayload', {
  simpleResolvers: true,
  description: 'The text that was replaced, saved as a version, and the version brought back.',
})
export class RestorePostmortemVersionPayload {
  @Field(() => PostmortemVersion, {
    description: 'The postmortem as it was just before the restore, saved automatically.',
  })
  savedBefore!: PostmortemVersion;

  @Field(() => PostmortemVersion)
  restored!: PostmortemVersion;
}

/** GraphQL enum `PostmortemBlockKind`. */
export const PostmortemBlockKindEnum = enumOf(
  RICH_TEXT_BLOCK_KINDS,
  'PostmortemBlockKind',
  'What a block of a postmortem is: a heading, a paragraph, a list item, a quote, code, a rule.',
);

/** One block of a version's body, for showing it read-only. */
@ObjectType('PostmortemBlock', {
  simpleResolvers: true,
  description:
    'One block of a postmortem as plain text. Never markup: show `text` as text. Formatting ' +
    'and links are left out.',
})
export class PostmortemBlock {
  @Field(() => PostmortemBlockKindEnum)
  kind!: RichTextBlockKind;

  @Field(() => String, { description: 'May hold line breaks (code, paragraphs with breaks).' })
  text!: string;

  @Field(() => Int, { description: 'How deep in lists and quotes; 0 at the top.' })
  depth!: number;

  @Field(() => Int, { nullable: true, description: 'A heading’s level, 1 to 6.' })
  level!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'A list item’s bullet (•) or number (such as "3.").',
  })
  marker!: string | null;
}
