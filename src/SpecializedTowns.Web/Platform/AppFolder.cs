namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Started as `dotnet /srv/towns/SpecializedTowns.Web.dll` from some other folder, ASP.NET Core takes that folder as the
/// content root: it finds no appsettings.json (the log falls back to Information and writes a line for every SQL statement)
/// and no wwwroot. Then the application's own folder is the content root. A root the operator gives (--contentRoot,
/// ASPNETCORE_CONTENTROOT, DOTNET_CONTENTROOT) and a current folder with its own appsettings.json (`dotnet run --project`,
/// the project folder) are kept.
/// </summary>
public static class AppFolder
{
    public static string? ContentRoot(string[] args)
    {
        if (args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT")))
            return null;
        if (File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))) return null;
        return File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")) ? AppContext.BaseDirectory : null;
    }
}
