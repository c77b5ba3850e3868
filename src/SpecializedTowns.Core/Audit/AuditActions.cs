namespace SpecializedTowns.Core.Audit;

/// <summary>
/// What an audit entry records: a row created, changed or deleted, or a sign-in that failed, locked its account, or was
/// refused because the account is disabled (the right password: not a failure, and no step towards the lockout). In Core so
/// that the 字典 (CodeLists.AuditAction) lists it and the audit filters read it as every other list is read.
/// </summary>
public enum AuditAction { Created = 1, Updated = 2, Deleted = 3, SignInFailed = 4, LockedOut = 5, DisabledSignIn = 6 }

public static class AuditActions
{
    public static string Chinese(AuditAction action) => action switch
    {
        AuditAction.Created => "新增",
        AuditAction.Updated => "修改",
        AuditAction.SignInFailed => "登录失败",
        AuditAction.LockedOut => "账号锁定",
        AuditAction.DisabledSignIn => "已停用账号尝试登录",
        _ => "删除",
    };
}
