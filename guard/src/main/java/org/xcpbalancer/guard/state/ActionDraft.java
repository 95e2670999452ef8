package org.xcpbalancer.guard.state;

/** What an action is about, before it is written to GuardAction: its kind, host, VM, target host and reason. */
public record ActionDraft(GuardActionKind kind, String hostUuid, String hostName, String vmUuid, String vmName,
        String targetHostUuid, String targetHostName, String reason) {

    public static ActionDraft of(GuardActionKind kind, String reason) {
        return new ActionDraft(kind, null, null, null, null, null, null, reason);
    }

    public ActionDraft host(String uuid, String name) {
        return new ActionDraft(kind, uuid, name, vmUuid, vmName, targetHostUuid, targetHostName, reason);
    }

    public ActionDraft vm(String uuid, String name) {
        return new ActionDraft(kind, hostUuid, hostName, uuid, name, targetHostUuid, targetHostName, reason);
    }

    public ActionDraft target(String uuid, String name) {
        return new ActionDraft(kind, hostUuid, hostName, vmUuid, vmName, uuid, name, reason);
    }

    public ActionDraft reason(String text) {
        return new ActionDraft(kind, hostUuid, hostName, vmUuid, vmName, targetHostUuid, targetHostName, text);
    }
}
