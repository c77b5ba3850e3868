namespace SpecializedTowns.Core.Audit;

/// <summary>
/// What an audit entry records: a row created, changed or deleted, or a sign-in that failed or locked its account. In Core so
/// that the 字典 (CodeLists.AuditAction) lists it and the audit filters read it as every other list is read.
/// </summary>
public enum AuditAction { Created = 1, Updated = 2, Deleted = 3, SignInFailed = 4, LockedOut = 5 }

public static class AuditActions
{
    public static string Chinese(AuditAction action) => action switch
    {
        AuditAction.Created => "新增",
        AuditAction.Updated => "修改",
        AuditAction.SignInFailed => "登录失败",
        AuditAction.LockedOut => "账号锁定",
        _ => "删除",
    };
}
