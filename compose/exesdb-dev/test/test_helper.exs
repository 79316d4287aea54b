# The test node is a hidden node, like the C# gateway: it connects to development nodes that
# bin/test and the tests start on the suite's isolated EPMD (ERL_EPMD_PORT).
{:ok, _} = Application.ensure_all_started(:crypto)

unless System.get_env("ERL_EPMD_PORT") do
  raise "run the tests with bin/test: it starts an isolated EPMD and exports ERL_EPMD_PORT"
end

name = :"exesdb_test_#{System.pid()}"
{:ok, _} = :net_kernel.start(name, %{name_domain: :shortnames, hidden: true})
Node.set_cookie(:"test-#{:crypto.strong_rand_bytes(12) |> Base.url_encode64(padding: false)}")

{:ok, _} = ExesdbDev.Test.Cleanup.start_link()
ExUnit.after_suite(fn _ -> ExesdbDev.Test.Cleanup.kill_all() end)
ExUnit.start(timeout: 120_000)
