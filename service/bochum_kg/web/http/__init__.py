"""HTTP pieces every face shares: CORS, conditional GET, the response cache, the access log."""
