# Snapshot checks for aws:executeScript (python3.11): the newest backup's age, and the pre-migration snapshot name.
import datetime

import boto3


def _taken_at(snapshot):
    times = [n["SnapshotCreateTime"] for n in snapshot.get("NodeSnapshots", []) if n.get("SnapshotCreateTime")]
    return max(times) if times else None


def newest_within(events, context):
    """Fails unless an available snapshot of the group is younger than MaxAgeSeconds."""
    ec = boto3.client("elasticache")
    group, max_age = events["ReplicationGroupId"], int(events["MaxAgeSeconds"])
    newest = None
    for page in ec.get_paginator("describe_snapshots").paginate(ReplicationGroupId=group):
        for s in page["Snapshots"]:
            t = _taken_at(s)
            if s.get("SnapshotStatus") == "available" and t and (newest is None or t > newest[1]):
                newest = (s["SnapshotName"], t)
    if newest is None:
        raise Exception("no available snapshot of " + group + ": take one or turn on automatic backups")
    age = (datetime.datetime.now(datetime.timezone.utc) - newest[1]).total_seconds()
    if age > max_age:
        raise Exception("newest snapshot %s is %d min old, older than %d min" % (newest[0], age // 60, max_age // 60))
    return {"NewestSnapshot": newest[0]}


def pre_migration_name(events, context):
    """<group>-pre-valkey-<UTC yyyyMMdd-HHmm>, lowercase as AWS stores it."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return {"SnapshotName": (events["ReplicationGroupId"] + "-pre-valkey-" + now.strftime("%Y%m%d-%H%M")).lower()}
