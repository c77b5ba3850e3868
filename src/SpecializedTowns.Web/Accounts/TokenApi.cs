using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Web.Api;

namespace SpecializedTowns.Web.Accounts;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>POST /api/v1/auth/token (contracts/web-and-api.md): a bearer token for scripts and other systems.</summary>
public static class TokenApi
{
    public const string BearerScheme = "Bearer";

    /// <summary>
    /// A generated password was handed on by a person (a new account or a reset); a script must not keep using it. The web
    /// page is where it is replaced, so the token waits until then.
    /// </summary>
    public const string ChangePasswordFirst = "该账号仍在使用管理员生成的初始密码（或重置后的密码）。请先在网页上登录并修改密码，再用新密码申请访问令牌";

    public static void MapTokenApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/auth/token", IssueAsync)
            .AllowAnonymous()
            .WithTags("登录")
            .WithSummary("用用户名和密码换取访问令牌（accessToken，其余 /api/v1 请求放在请求头 Authorization: Bearer …）")
            .Refuses(StatusCodes.Status401Unauthorized, "用户名或密码错误，或连续输错密码次数过多、账号已暂时锁定")
            .Refuses(StatusCodes.Status403Forbidden, "账号已停用，或仍在使用管理员生成的初始密码（须先在网页上登录并修改密码）");

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueAsync(
        TokenRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
    {
        // Only what is missing is named: a body with the user name and no password is not told that its user name is wanting.
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            var missing = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.UserName)) missing["userName"] = ["请填写用户名"];
            if (string.IsNullOrEmpty(request.Password)) missing["password"] = ["请填写密码"];
            return TypedResults.Problem(title: missing.Count == 2 ? "请填写用户名和密码" : missing.ContainsKey("userName") ? "请填写用户名" : "请填写密码",
                statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["errors"] = missing });
        }

        var user = await users.FindByNameAsync(request.UserName.Trim());
        if (user is null) return Unauthorized("用户名或密码错误");
        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut) return Unauthorized("连续输错密码次数过多，账号已暂时锁定，请 15 分钟后再试");
        if (result.IsNotAllowed) return Forbidden(AccountSignInManager.DisabledMessage);
        if (!result.Succeeded) return Unauthorized("用户名或密码错误");
        if (user.MustChangePassword) return Forbidden(ChangePasswordFirst);

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var options = bearer.Get(BearerScheme);
        var expiresAt = time.GetUtcNow() + options.BearerTokenExpiration;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expiresAt }, BearerScheme);
        return TypedResults.Ok(new TokenResponse(options.BearerTokenProtector.Protect(ticket), expiresAt));
    }

    private static ProblemHttpResult Unauthorized(string title) => TypedResults.Problem(title: title, statusCode: StatusCodes.Status401Unauthorized);

    private static ProblemHttpResult Forbidden(string title) => TypedResults.Problem(title: title, statusCode: StatusCodes.Status403Forbidden);
}
