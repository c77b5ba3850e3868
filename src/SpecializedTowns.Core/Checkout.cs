namespace SpecializedTowns.Core;

/// <summary>
/// Where the program runs from. In a checkout (a SpecializedTowns.slnx above the working directory)
/// the web app and the CLI share one policies/ and one data/ at the checkout's root, whichever project
/// folder `dotnet run` starts them in.
/// </summary>
public static class Checkout
{
    public static string? Root(string? from = null)
    {
        for (var dir = new DirectoryInfo(from ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SpecializedTowns.slnx"))) return dir.FullName;
        return null;
    }

    /// <summary>The checkout's root, or else the working directory.</summary>
    public static string Home() => Root() ?? Directory.GetCurrentDirectory();
}
