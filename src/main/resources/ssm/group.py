# Checks of a replication group that need more than one property: every member, or a count.
# Runs as an aws:executeScript handler (python3.11, boto3 from the runtime); a raised exception fails the step.
import boto3


def _members(ec, group):
    rg = ec.describe_replication_groups(ReplicationGroupId=group)["ReplicationGroups"][0]
    clusters = []
    for member in rg.get("MemberClusters", []):
        clusters += ec.describe_cache_clusters(CacheClusterId=member)["CacheClusters"]
    return rg, clusters


def _matches(version, expected):
    return version == expected or version.startswith(expected + ".")


def members_run(events, context):
    """Every member runs Engine at Version (major.minor matches its patches) and has no engine version queued."""
    ec = boto3.client("elasticache")
    group, engine, version = events["ReplicationGroupId"], events["Engine"], events["Version"]
    rg, clusters = _members(ec, group)
    if not clusters:
        raise Exception(group + " has no member clusters")
    seen = []
    for c in clusters:
        seen.append(c["CacheClusterId"] + "=" + c["EngineVersion"])
        if (engine and c["Engine"].lower() != engine.lower()) or (version and not _matches(c["EngineVersion"], version)):
            raise Exception("member %s runs %s %s, expected %s %s.x" % (
                c["CacheClusterId"], c["Engine"], c["EngineVersion"], engine, version))
        if c.get("PendingModifiedValues", {}).get("EngineVersion"):
            raise Exception("member %s still has engine version %s queued" % (
                c["CacheClusterId"], c["PendingModifiedValues"]["EngineVersion"]))
    return {"MemberVersions": ",".join(seen)}


def nothing_pending(events, context):
    """Fails naming every pending change of the group or a member (a queued scale-up blocks the upgrade)."""
    ec = boto3.client("elasticache")
    group = events["ReplicationGroupId"]
    rg, clusters = _members(ec, group)
    pending = ["%s: %s" % (group, k) for k, v in rg.get("PendingModifiedValues", {}).items() if v]
    for c in clusters:
        pending += ["%s: %s" % (c["CacheClusterId"], k) for k, v in c.get("PendingModifiedValues", {}).items() if v]
    if pending:
        raise Exception("pending on " + group + ": " + "; ".join(pending)
                        + ". Let it apply (or cancel it) before the upgrade, then run again.")
    return {"Pending": "none"}


def node_count(events, context):
    """How many nodes the group has now; with AtLeast, fails when it has fewer."""
    ec = boto3.client("elasticache")
    group = events["ReplicationGroupId"]
    count = len(ec.describe_replication_groups(ReplicationGroupId=group)["ReplicationGroups"][0].get("MemberClusters", []))
    if count < int(events.get("AtLeast", 0)):
        raise Exception("%s has %d node(s), expected at least %s" % (group, count, events["AtLeast"]))
    return {"NodeCount": count}


def parameter_group_pairing(events, context):
    """A custom source parameter group needs a custom target one with the same static values (AWS refuses default)."""
    ec = boto3.client("elasticache")
    group, target = events["ReplicationGroupId"], events["TargetParameterGroup"]
    rg, clusters = _members(ec, group)
    source = clusters[0]["CacheParameterGroup"]["CacheParameterGroupName"] if clusters else "default."
    if not source.startswith("default.") and target.startswith("default."):
        raise Exception("the group uses the custom parameter group %s but the target is the default %s: create a"
                        " custom valkey8 group with the same static values" % (source, target))
    return {"SourceParameterGroup": source}
