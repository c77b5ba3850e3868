namespace SpecializedTowns.Core.Tests.Architecture;

public class CoreDependencyTests
{
    [Fact]
    public void Core_references_neither_ef_core_nor_asp_net()
    {
        var core = typeof(SpecializedTowns.Core.Recognition.RecognitionEngine).Assembly;
        var forbidden = core.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                     || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                     || n.StartsWith("Npgsql", StringComparison.Ordinal))
            .ToList();
        forbidden.ShouldBeEmpty();
    }

    [Fact]
    public void Core_project_file_declares_no_such_package()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SpecializedTowns.slnx"))) dir = dir.Parent;
        dir.ShouldNotBeNull();
        var csproj = File.ReadAllText(Path.Combine(dir.FullName, "src", "SpecializedTowns.Core", "SpecializedTowns.Core.csproj"));
        csproj.ShouldNotContain("EntityFrameworkCore");
        csproj.ShouldNotContain("AspNetCore");
        csproj.ShouldNotContain("Microsoft.NET.Sdk.Web");
    }
}
