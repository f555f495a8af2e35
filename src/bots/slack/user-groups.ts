/**
 * Reporters may be named by Slack user group (ids starting with S) in SLACK_REPORTER_IDS. Which
 * of those groups a user belongs to is read with usergroups.users.list when a command that
 * changes the record runs; a group that cannot be read is left out (logged), never assumed.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.ts';

type GroupsClient = Pick<webApi.WebClient, 'usergroups'>;

const isUserGroupId = (id: string) => /^S[A-Z0-9]+$/.test(id);

/** The configured reporter user groups `userId` is a member of (the Caller's roles on Slack). */
export async function reporterGroupsOf(
  client: GroupsClient,
  logger: Pick<Logger, 'warn'>,
  reporterIds: readonly string[],
  userId: string,
): Promise<string[]> {
  // Named one by one: no need to ask about groups.
  if (reporterIds.includes(userId)) return [];
  const groups = reporterIds.filter(isUserGroupId);
  const found = await Promise.all(
    groups.map(async (usergroup) => {
      try {
        const res = await client.usergroups.users.list({ usergroup });
        return res.users?.includes(userId) ? usergroup : undefined;
      } catch (err) {
        logger.warn({ err, usergroup }, 'slack usergroups.users.list failed; the group is not counted');
        return undefined;
      }
    }),
  );
  return found.filter((g): g is string => g !== undefined);
}
