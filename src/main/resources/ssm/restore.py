# The rollback restore of a TLS group for aws:executeScript (python3.11): CreateReplicationGroup from the
# pre-migration snapshot with the same AUTH token as the old group. The token is read here from a SecureString
# parameter, so it is never a document parameter, an input or an output of any step.
import boto3


def create_with_token(events, context):
    token = boto3.client("ssm").get_parameter(Name=events["TokenParameter"], WithDecryption=True)["Parameter"]["Value"]
    request = dict(events["Request"])
    request["SecurityGroupIds"] = [g for g in request.get("SecurityGroupIds", []) if g]
    request["AuthToken"] = token
    group = boto3.client("elasticache").create_replication_group(**request)["ReplicationGroup"]
    return {"ReplicationGroupId": group["ReplicationGroupId"], "Status": group["Status"]}
