using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty, Required(ErrorMessage = "请输入用户名"), Display(Name = "用户名")]
    public string UserName { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "请输入密码"), DataType(DataType.Password), Display(Name = "密码")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        // Refused after the right password only: a disabled account (AccountSignInManager.CheckPasswordSignInAsync).
        Error = result.IsLockedOut ? "连续输错密码次数过多，账号已暂时锁定，请 15 分钟后再试"
            : result.IsNotAllowed ? AccountSignInManager.DisabledMessage : "用户名或密码错误";
        // Keep what was typed, except the password.
        Password = "";
        return Page();
    }
}
