"""Probes and metrics before everything else.

Load balancers and Kubernetes call a node by its address over plain HTTP: answering here, before the host check,
the HTTPS redirect, sessions and the audit of a request, keeps them working behind any proxy set-up and keeps
their traffic out of the request metrics. /metrics answers a bare 404 to anyone not allowed (metrics.allowed).
"""

from django.http import HttpResponseNotFound

from . import health, metrics


class ProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path == "/healthz":
            return health.liveness()
        if path == "/readyz":
            return health.readiness()
        if path == "/metrics":
            if not metrics.allowed(request):
                response = HttpResponseNotFound(b"", content_type="text/plain")
                response._has_been_logged = True  # a scanner's probe is not worth a log line
                return response
            return metrics.export()
        return self.get_response(request)
