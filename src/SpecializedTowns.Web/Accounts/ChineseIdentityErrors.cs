using Microsoft.AspNetCore.Identity;

namespace SpecializedTowns.Web.Accounts;

public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少 {length} 位" };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "密码须包含数字" };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "密码须包含小写字母" };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "密码须包含大写字母" };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "密码须包含符号" };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少包含 {uniqueChars} 个不同字符" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”只能包含字母、数字和 - . _ @" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "密码错误" };
    public override IdentityError DuplicateRoleName(string role) => new() { Code = nameof(DuplicateRoleName), Description = $"角色“{role}”已存在" };
}
