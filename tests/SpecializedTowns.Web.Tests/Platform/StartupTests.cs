using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Platform;

public class StartupTests
{
    [Fact]
    public async Task Started_from_another_folder_the_app_reads_its_own_settings_from_its_own_folder()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"st-cwd-{Guid.NewGuid():N}")).FullName;
        var file = Path.Combine(Path.GetTempPath(), $"st-web-{Guid.NewGuid():N}.db");
        await using var web = ScaleOut.WebProcess.Start("web", "Sqlite", $"Data Source={file};Pooling=False", "Started-2024", workingDirectory: elsewhere);
        await web.WaitHealthyAsync(TimeSpan.FromSeconds(120));

        // The content root is the folder of SpecializedTowns.Web.dll, and its appsettings.json keeps EF Core's log at warnings:
        // from the bare folder the log would fall back to Information and show every SQL statement of the start.
        var output = web.Output;
        output.ShouldContain("Content root path: " + web.Folder, customMessage: output);
        output.ShouldNotContain("Microsoft.EntityFrameworkCore.Database.Command", customMessage: output);
    }

    [Fact]
    public async Task First_start_creates_the_schema_loads_demo_data_and_reports_healthy()
    {
        var file = Path.Combine(Path.GetTempPath(), $"st-web-{Guid.NewGuid():N}.db");
        await using var factory = new PlatformFactory("Sqlite", $"Data Source={file};Pooling=False");
        var client = factory.CreateClient();

        var health = await client.GetAsync("/healthz");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        File.Exists(file).ShouldBeTrue();

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        db.Towns.Count().ShouldBeGreaterThan(10);
        db.PolicyDocuments.Count().ShouldBe(7);
    }

    [Fact]
    public async Task Without_demo_only_the_policy_packs_are_loaded()
    {
        var file = Path.Combine(Path.GetTempPath(), $"st-web-{Guid.NewGuid():N}.db");
        await using var factory = new PlatformFactory("Sqlite", $"Data Source={file};Pooling=False", demo: false);
        (await factory.CreateClient().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TownsDbContext>();
        db.Towns.Count().ShouldBe(0);
        db.PolicyDocuments.Count().ShouldBe(7);

        // The jurisdiction tree is reference data, there without the demo, and each document knows its place.
        db.Jurisdictions.Count(j => j.Level == SpecializedTowns.Core.Jurisdictions.JurisdictionLevel.City).ShouldBe(11);
        var yuanqu = db.PolicyDocuments.Single(d => d.Id == "yuanqu-2023-19");
        db.Jurisdictions.Single(j => j.Id == yuanqu.JurisdictionId).Path.ShouldBe("山西省/运城市/垣曲县");
        db.PolicyDocuments.Where(d => d.Id != "shanxi-2022-80").ShouldAllBe(d => d.JurisdictionId != null);
    }

    [PostgresFact]
    public async Task A_database_that_appears_later_is_set_up_before_it_is_called_healthy()
    {
        var admin = PostgresServer.Instance.AdminConnectionString!;
        var name = $"st_late_{Guid.NewGuid():N}";
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        await using var factory = new PlatformFactory("PostgreSql", connection);
        var client = factory.CreateClient();
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        await using (var c = new Npgsql.NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", c).ExecuteNonQueryAsync();
        }

        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var scope = factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TownsDbContext>().Towns.Count().ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task An_unreachable_database_answers_503_not_a_crash()
    {
        // Nothing listens on port 1 of the loopback address.
        await using var factory = new PlatformFactory("PostgreSql", "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=2");
        var response = await factory.CreateClient().GetAsync("/healthz");
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).ShouldContain("数据库不可用");
    }
}
