import {
  MAX_NAME_LENGTH,
  TOKEN_SCOPES,
  checkText,
  type MembershipRole,
  type TokenScope,
} from '@keel/domain';
import {
  Arg,
  Ctx,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { requirePermission, requireUser } from '../../auth/actor.js';
import { TOKEN_PREFIX, newSecret, secretDigest } from '../../auth/secrets.js';
import { inTransaction } from '../../db/unit-of-work.js';
import { BadUserInputError } from '../../errors/bad-user-input-error.js';
import { ForbiddenError } from '../../errors/forbidden-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import type { RequestContext } from '../../graphql/context.js';
import { TokenScopeEnum } from '../../graphql/enums.js';
import { keyOf } from '../../ids.js';
import { auditChange } from '../audit/audit.service.js';
import { ApiToken } from './api-token.entity.js';

/** Longest lifetime a token may be given. */
export const MAX_TOKEN_LIFETIME_DAYS = 366;

/** Scopes a member of each role may grant: nobody hands out more than they hold. */
export const GRANTABLE_SCOPES: Record<MembershipRole, readonly TokenScope[]> = {
  VIEWER: ['READ'],
  RESPONDER: ['READ', 'WRITE'],
  ADMIN: ['READ', 'WRITE', 'ADMIN'],
};

/** A new token's name, scopes and lifetime. */
@InputType('CreateApiTokenInput')
export class CreateApiTokenInput {
  @Field(() => String)
  name!: string;

  @Field(() => [TokenScopeEnum])
  scopes!: TokenScope[];

  @Field(() => Int, {
    nullable: true,
    description: `Days until it expires, 1 to ${MAX_TOKEN_LIFETIME_DAYS}; omit for no expiry.`,
  })
  expiresInDays?: number | null;
}

/** The new token and its secret, which is shown this once and never again. */
@ObjectType('CreateApiTokenPayload', { simpleResolvers: true })
export class CreateApiTokenPayload {
  @Field(() => ApiToken)
  token!: ApiToken;

  @Field(() => String, { description: 'Send as `Authorization: Bearer <secret>`.' })
  secret!: string;
}

/** API tokens for integrations. People create and revoke them; tokens cannot mint tokens. */
@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Query(() => [ApiToken], { description: "The organisation's tokens, newest first (admins)." })
  async apiTokens(@Ctx() ctx: RequestContext): Promise<ApiToken[]> {
    const actor = requirePermission(ctx.actor, 'admin');
    return ctx.em.find(
      ApiToken,
      { organization: actor.organizationId },
      { orderBy: { createdAt: 'desc' } },
    );
  }

  @Mutation(() => CreateApiTokenPayload, {
    description: 'Creates a token with at most the scopes your own role allows.',
  })
  async createApiToken(
    @Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateApiTokenPayload> {
    const actor = requireUser(ctx.actor);
    const problems = tokenInputProblems(input);
    if (problems.length > 0) throw new BadUserInputError(problems.join(' '), { problems });

    const beyondRole = input.scopes.filter((s) => !GRANTABLE_SCOPES[actor.role].includes(s));
    if (beyondRole.length > 0) {
      throw new ForbiddenError(`Your role cannot grant ${beyondRole.join(', ')}.`);
    }

    const secret = newSecret(TOKEN_PREFIX);
    const token = await inTransaction(ctx.em, async (em) => {
      const token = em.create(ApiToken, {
        organization: actor.organizationId,
        createdBy: actor.userId,
        name: input.name.trim(),
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        secretHash: secretDigest(secret),
        scopes: [...new Set(input.scopes)],
        expiresAt: input.expiresInDays
          ? new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000)
          : null,
      });
      await em.flush();

      await auditChange(em, ctx, actor, {
        action: 'api_token.create',
        targetType: 'ApiToken',
        targetId: token.id,
        changes: {
          name: { before: null, after: token.name },
          scopes: { before: null, after: token.scopes },
        },
      });
      return token;
    });

    return { token, secret };
  }

  @Mutation(() => ApiToken, {
    description: 'Revokes a token; its open subscriptions close. Admins, or its creator.',
  })
  async revokeApiToken(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ApiToken> {
    const actor = requireUser(ctx.actor);

    const token = await inTransaction(ctx.em, async (em) => {
      const key = keyOf(id, 'ApiToken');
      const token = key
        ? await em.findOne(ApiToken, { id: key, organization: actor.organizationId })
        : null;
      if (!token) throw new NotFoundError('No such API token.');
      if (actor.role !== 'ADMIN' && token.createdBy.id !== actor.userId) {
        throw new ForbiddenError('Only admins can revoke tokens they did not create.');
      }
      if (token.revokedAt) return token;

      token.revokedAt = new Date();
      await em.flush();

      await auditChange(em, ctx, actor, {
        action: 'api_token.revoke',
        targetType: 'ApiToken',
        targetId: token.id,
        changes: { revokedAt: { before: null, after: token.revokedAt.toISOString() } },
      });
      return token;
    });

    ctx.pubSub.publish('credentialRevoked', {
      organizationId: actor.organizationId,
      tokenId: token.id,
    });
    return token;
  }
}

function tokenInputProblems(input: CreateApiTokenInput): string[] {
  const problems: string[] = [];

  const nameProblem = checkText(input.name, {
    field: 'name',
    max: MAX_NAME_LENGTH,
    required: true,
  });
  if (nameProblem) problems.push(nameProblem);

  if (input.scopes.length === 0 || input.scopes.length > TOKEN_SCOPES.length) {
    problems.push('scopes must name at least one scope.');
  }

  const days = input.expiresInDays;
  if (days !== null && days !== undefined && (days < 1 || days > MAX_TOKEN_LIFETIME_DAYS)) {
    problems.push(`expiresInDays must be between 1 and ${MAX_TOKEN_LIFETIME_DAYS}.`);
  }
  return problems;
}
