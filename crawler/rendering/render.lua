-- Load a page the way a browser does, let its scripts run, and report what came of it:
-- the final HTML and address, the page's own HTTP status, and the cookies it ended with.
-- A JavaScript cookie challenge (加速乐 521, Alibaba acw_sc__v2) answers with an error
-- status and a script that sets a cookie and reloads; splash:go() reports that status as
-- an error, so it is not asserted: the wait below lets the script run and the reload land.
function main(splash, args)
  splash.images_enabled = false
  splash.resource_timeout = args.resource_timeout
  if args.proxy_host then
    splash:on_request(function(request)
      request:set_proxy{host = args.proxy_host, port = args.proxy_port}
    end)
  end
  local statuses = {}
  splash:on_response_headers(function(response)
    statuses[response.url] = response.status
  end)
  splash:go{args.url, headers = args.headers}
  splash:wait(args.wait)
  local waited = 0
  while splash:evaljs("document.readyState") ~= "complete" and waited < args.settle do
    splash:wait(0.1)
    waited = waited + 0.1
  end
  local url = splash:url()
  return {
    url = url,
    status = statuses[url] or statuses[args.url],
    html = splash:html(),
    cookies = splash:get_cookies(),
  }
end
