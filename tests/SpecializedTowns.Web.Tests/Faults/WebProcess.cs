using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SpecializedTowns.Data;
using SpecializedTowns.Web.Tests.Infrastructure;

namespace SpecializedTowns.Web.Tests.Faults;

/// <summary>
/// The real web app as its own OS process (<c>dotnet SpecializedTowns.Web.dll</c>), on a loopback port and a database of the
/// test's choosing, so that a test can SIGKILL it mid-request and start it again on the same database. The app's dll, deps and
/// runtimeconfig are copied next to the test assembly by the project reference, so a clean clone needs nothing but the build.
/// </summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    public int Port { get; }
    public HttpClient Http { get; }

    private WebProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(120) };
    }

    public static string WebDll => Path.Combine(AppContext.BaseDirectory, "SpecializedTowns.Web.dll");

    /// <summary>The dotnet host running the tests (testhost runs under it), else the one the CLI names, else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }

    /// <summary>Starts the app and waits until /healthz answers 200 (schema migrated, demo loaded on a new database).</summary>
    public static async Task<WebProcess> StartAsync(StorageSettings storage, int port, TimeSpan? readyWithin = null)
    {
        if (!File.Exists(WebDll)) throw new FileNotFoundException("the web app is not built next to the tests", WebDll);
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add(WebDll);
        var env = start.Environment;
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        env["ASPNETCORE_ENVIRONMENT"] = "Testing";
        env["Storage__Provider"] = storage.Provider.ToString();
        env["ConnectionStrings__Main"] = storage.ConnectionString;
        env["Seed__Demo"] = "true";
        env["Seed__AdminPassword"] = SeededPlatforms.Password;
        env["Seed__DemoPassword"] = SeededPlatforms.Password;
        env["Policies__Directory"] = TestDatabases.PoliciesDirectory;
        env["Logging__LogLevel__Default"] = "Warning";
        // Two shared cores: the workstation collector keeps the process small and quick to start.
        env["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var web = new WebProcess(process, port);
        process.OutputDataReceived += (_, e) => web.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => web.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + (readyWithin ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"the web process exited ({process.ExitCode}):\n{web.Output}");
            try
            {
                using var health = await web.Http.GetAsync("/healthz");
                if (health.IsSuccessStatusCode) return web;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        web.Kill();
        throw new TimeoutException($"the web process did not become healthy:\n{web.Output}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 200) _output.Dequeue();
        }
    }

    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    /// <summary>SIGKILL: no shutdown hooks, no flush, no rollback by the app — whatever the database itself guarantees is all there is.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>An API client signed in as the demo user (a fresh token: the process that issued the last one may be gone).</summary>
    public async Task<HttpClient> ApiAsync(string user)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = SeededPlatforms.Password });
        response.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
