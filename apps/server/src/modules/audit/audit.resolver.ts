import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { PageArgs, selects } from '../../graphql/relay.js';
import { AuditChainVerification, AuditQueries, AuditRecordConnection } from './audit.queries.js';

/** The organisation's audit trail, for admins. */
@Resolver()
export class AuditResolver {
  @Query(() => AuditRecordConnection, { description: 'The whole audit trail, newest first.' })
  async auditLog(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return new AuditQueries(ctx).list(page, {}, selects(info, 'totalCount'));
  }

  @Query(() => AuditChainVerification, {
    description: 'Recomputes the hash chain and names the first broken link, if any.',
  })
  async verifyAuditChain(@Ctx() ctx: RequestContext): Promise<AuditChainVerification> {
    return new AuditQueries(ctx).verify();
  }
}
