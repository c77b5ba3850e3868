using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace SpecializedTowns.Web.Tests.ScaleOut;

/// <summary>Needs a PostgreSQL cluster of its own: skipped with the reason where the binaries are missing, never under CI.</summary>
public sealed class OwnPostgresFactAttribute : FactAttribute
{
    public OwnPostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && OwnPostgres.Unavailable is { } reason) Skip = reason;
    }
}

/// <summary>
/// Issue 8, faults: PostgreSQL restarted under load. The platform says it is unhealthy while the server is down (quickly, no
/// hang), shows users a Chinese page rather than a stack trace, and carries on by itself once the server is back, without a
/// restart of the web process and without handing out the pool's dead connections.
/// </summary>
[Collection(nameof(ScaleOutTests))]
public sealed class PostgresRestartTests
{
    private const string Password = "Restart-2024x";

    private sealed record TokenBody(string AccessToken);

    [OwnPostgresFact]
    public async Task The_platform_reports_unhealthy_while_PostgreSQL_is_down_and_recovers_by_itself()
    {
        await using var pg = OwnPostgres.Create();
        await using var web = WebProcess.Start("web-pg", "PostgreSql", pg.CreateDatabase(pooling: true), Password);
        await web.WaitHealthyAsync(TimeSpan.FromSeconds(120));

        using var browser = new Browser(web.BaseAddress);
        await browser.SignInAsync("yuanqu-office", Password);
        (await browser.GetPageAsync("/Projects")).ShouldContain("重点项目");
        using var probe = new HttpClient { BaseAddress = web.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var token = (await (await probe.PostAsJsonAsync("/api/v1/auth/token", new { userName = "yuanqu-office", password = Password }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;

        // Load over the API throughout: every answer is a page of data or a 503, never a 500 and never a hang.
        var answers = new ConcurrentBag<(DateTime At, HttpStatusCode Status)>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = web.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            string[] urls = ["/api/v1/projects", "/api/v1/towns", "/api/v1/problems", "/api/v1/tasks"];
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var response = await client.GetAsync(urls[(n + i) % urls.Length]);
                answers.Add((DateTime.UtcNow, response.StatusCode));
                await Task.Delay(20);
            }
        })).ToList();
        await Task.Delay(1000);

        pg.Stop();
        var stopped = Stopwatch.StartNew();
        HttpStatusCode health;
        do
        {
            var timed = Stopwatch.StartNew();
            health = (await probe.GetAsync("/healthz")).StatusCode;
            timed.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "a health probe answers quickly while the database is down");
            if (health != HttpStatusCode.ServiceUnavailable) await Task.Delay(200);
        } while (health != HttpStatusCode.ServiceUnavailable && stopped.Elapsed < TimeSpan.FromSeconds(10));
        health.ShouldBe(HttpStatusCode.ServiceUnavailable, "/healthz says the database is gone within seconds");

        var down = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/Projects"));
        var page = await down.Content.ReadAsStringAsync();
        down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        page.ShouldContain("数据库暂时不可用");
        page.ShouldNotContain("Exception");
        page.ShouldNotContain("   at ");

        await Task.Delay(1000);
        pg.Start();
        var started = Stopwatch.StartNew();
        do
        {
            health = (await probe.GetAsync("/healthz")).StatusCode;
            if (health != HttpStatusCode.OK) await Task.Delay(250);
        } while (health != HttpStatusCode.OK && started.Elapsed < TimeSpan.FromSeconds(30));
        health.ShouldBe(HttpStatusCode.OK, "healthy again once PostgreSQL is back, without restarting the web process");
        var back = DateTime.UtcNow;

        // The same signed-in user carries on, and not one request draws a dead pooled connection.
        for (var i = 0; i < 5; i++) (await browser.GetPageAsync("/Projects")).ShouldContain("重点项目");
        await Task.Delay(1500);
        stop.Cancel();
        await Task.WhenAll(load);

        answers.Select(a => a.Status).Distinct().Except([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable])
            .ShouldBeEmpty("under load only data or a 503 while the database was down");
        answers.ShouldContain(a => a.Status == HttpStatusCode.ServiceUnavailable);
        answers.Where(a => a.At > back.AddMilliseconds(500)).ShouldAllBe(a => a.Status == HttpStatusCode.OK);
        answers.Count(a => a.At > back.AddMilliseconds(500)).ShouldBeGreaterThan(0);
    }
}
