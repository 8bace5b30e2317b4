import functools
import inspect
import logging
import re

import psycopg2
from werkzeug import urls
from werkzeug.exceptions import BadRequest, Forbidden, HTTPException, NotFound, \
    ServiceUnavailable
from werkzeug.routing import NumberConverter, ValidationError

import odoo
from odoo import _, http, models
from odoo.exceptions import AccessError, MissingError, UserError, except_orm
from odoo.http import SessionExpiredException, request

from odoo.addons.base.ir.ir_http import ModelConverter, ModelsConverter
from odoo.addons.base.ir.ir_qweb.qweb import QWebException

from ..tools import is_pg_int, local_redirect

# The id at the end of each comma-separated part: a plain id ("42"), a list of ids
# ("4,2") or a website slug ("holzbearbeitung-kompakt-42").
_logger = logging.getLogger(__name__)

# What a controller raises when a parameter is not what it expects (a word where it
# reads a number, an id past the integer range, a colour or a JSON text that does not
# parse): input to refuse with 400, not a fault of the server.
BAD_INPUT_ERRORS = (ValueError, TypeError, OverflowError, KeyError, IndexError,
                    psycopg2.DataError)

TRAILING_ID_RE = re.compile(r"(\d+)$")

_bounded_converters = {}


def _ids_fit(value):
    for part in value.split(","):
        match = TRAILING_ID_RE.search(part)
        if match and not is_pg_int(int(match.group(1))):
            return False
    return True


def bounded_converter(converter):
    """`converter`, refusing ids that no integer column holds.

    An id past PostgreSQL's integer range matched `<int:...>` and every model converter,
    reached the database in the converter or the controller and answered 500. Refused
    while routing, such a URL matches no route: the ordinary 404 page.
    """
    counts_ids = issubclass(converter, (ModelConverter, ModelsConverter)) or (
        issubclass(converter, NumberConverter) and getattr(converter, "num_convert", None) is int)
    if not counts_ids:
        return converter
    if converter not in _bounded_converters:
        def to_python(self, value):
            if not _ids_fit(value):
                raise ValidationError()
            return converter.to_python(self, value)
        _bounded_converters[converter] = type(converter.__name__, (converter,),
                                              {"to_python": to_python})
    return _bounded_converters[converter]


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def routing_map(cls):
        # Odoo builds the map once per ir.http class from the converters of every addon
        # (website's, qnetz_guide's, ...); it is built here, after all of them, so that
        # each converter that reads an id is bounded, whatever the order of the addons.
        if not hasattr(cls, "_routing_map"):
            cls._qnetz_check_registry_complete()
            installed = request.registry._init_modules - {"web"}
            if odoo.tools.config["test_enable"] and odoo.modules.module.current_test:
                installed.add(odoo.modules.module.current_test)
            modules = [""] + odoo.conf.server_wide_modules + sorted(installed)
            converters = {name: bounded_converter(converter)
                          for name, converter in cls._get_converters().items()}
            cls._routing_map = http.routing_map(modules, False, converters=converters)
        return cls._routing_map

    @classmethod
    def _qnetz_check_registry_complete(cls):
        """Refuse to route with a registry built from half-imported addons.

        Odoo 11's threaded server listens before it loads the registry, and its first
        request imported every addon in its own thread while the main thread loaded the
        registry (scripts/odoo now sets ODOO_PRELOAD_ADDONS=no against that). When both
        met half-way, ir.http lacked the overrides of some installed addons, the routing
        map missed their converters, and every request answered 500 until a restart. If
        an installed addon's ir.http class is missing, the registry is loaded anew and
        this request answers 503; the next one finds a complete registry.
        """
        registry = request.registry
        classes = [model_class for module in registry._init_modules
                   for model_class in models.MetaModel.module_to_models.get(module, [])
                   if "ir.http" in ([model_class._name] + list(
                       model_class._inherit if isinstance(model_class._inherit, list)
                       else [model_class._inherit]))]
        missing = [model_class for model_class in classes if model_class not in cls.__mro__]
        if not registry.ready or missing:
            _logger.error("ir.http lacks %s: loading the registry anew",
                          [model_class._module for model_class in missing])
            with odoo.modules.registry.Registry._lock:
                if odoo.modules.registry.Registry.registries.get(registry.db_name) is registry:
                    odoo.modules.registry.Registry.new(registry.db_name)
            raise ServiceUnavailable()

    @classmethod
    def _dispatch(cls):
        # A JSON request answers the exceptions of its controller itself
        # (JsonRequest.dispatch), past _handle_exception below: its bad input is
        # refused on the same terms here.
        if request._request_type == "json":
            request._handle_exception = functools.partial(
                cls._qnetz_json_exception, request._handle_exception)
        return super(IrHttp, cls)._dispatch()

    @classmethod
    def _qnetz_json_exception(cls, handle, exception):
        if isinstance(exception, BAD_INPUT_ERRORS):
            cls._qnetz_log_bad_input(exception)
            exception = UserError(_("The request contains a value of the wrong kind or "
                                    "out of range."))
        return handle(exception)

    @classmethod
    def _postprocess_args(cls, arguments, rule):
        response = super(IrHttp, cls)._postprocess_args(arguments, rule)
        if response is not None:
            return response
        missing = cls._qnetz_missing_parameters(rule, arguments)
        if missing:
            # Odoo calls the controller anyway and the TypeError comes out as a server
            # error, or as a 500 answer where web's @serialize_exception catches it
            # (uploads, exports): a request without a required parameter is bad input.
            return cls._handle_exception(ValueError(
                "missing parameters: %s" % ", ".join(missing)))
        return None

    @staticmethod
    def _qnetz_missing_parameters(rule, arguments):
        """The parameters without a default of the controller of `rule` that neither the
        URL nor the request gives."""
        endpoint = rule.endpoint
        if endpoint.first_arg_is_req:
            return []
        try:
            signature = inspect.signature(endpoint.method)
        except (TypeError, ValueError):
            return []
        given = set(request.params) | set(arguments)
        return [name for name, parameter in signature.parameters.items()
                if parameter.default is parameter.empty and name not in given
                and parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)]

    @classmethod
    def _handle_exception(cls, exception):
        """Odoo's and the OCA's controllers trust their parameters: junk in a URL (found
        by the route crawler test) ended in a server error with a traceback page. Such
        input gets the ordinary 400 page (a JSON route: a translated error), a record the
        user may not read 403, one that does not exist 404; the traceback stays in the
        log."""
        if request._request_type == "json":
            return cls._qnetz_json_exception(super(IrHttp, cls)._handle_exception, exception)
        if isinstance(exception, SessionExpiredException) and request.params.get("noredirect"):
            # Odoo answers a visitor on a user route with the login page, or, asked not to
            # redirect, with nothing at all (a server error)
            return super(IrHttp, cls)._handle_exception(Forbidden())
        refused = cls._qnetz_http_error(exception)
        if refused is not None:
            cls._qnetz_log_bad_input(exception)
            exception = refused
        return super(IrHttp, cls)._handle_exception(exception)

    @staticmethod
    def _qnetz_http_error(exception):
        """The HTTP error an exception of a page or file route stands for, or None."""
        if isinstance(exception, QWebException) and isinstance(
                exception.error, (AccessError, MissingError)):
            # a record that is refused or missing while a page renders (any other error
            # of a template stays a server error: a fault of the template)
            exception = exception.error
        if isinstance(exception, AccessError):
            return Forbidden()
        if isinstance(exception, MissingError):
            return NotFound()
        if isinstance(exception, BAD_INPUT_ERRORS + (except_orm,)):
            return BadRequest()
        # werkzeug.exceptions.HTTPException(description=...) as Odoo 11 raises it for a
        # barcode it cannot draw: no status of its own (an abort() carries a response)
        if isinstance(exception, HTTPException) and exception.code is None \
                and getattr(exception, "response", None) is None:
            return BadRequest()
        return None

    @staticmethod
    def _qnetz_log_bad_input(exception):
        _logger.warning("Refused %s: %s", request.httprequest.path, exception,
                        exc_info=exception)
        if isinstance(exception, psycopg2.Error):
            request.cr.rollback()

    @classmethod
    def _qnetz_local_redirect(cls, url, default="/"):
        """`url` if it stays on this site (tools.local_redirect), else `default`: the one
        check of every redirect that a request parameter or a record chooses."""
        hosts = [request.httprequest.host]
        base_url = request.env["ir.config_parameter"].sudo().get_param("web.base.url")
        if base_url:
            hosts.append(urls.url_parse(base_url).netloc)
        return local_redirect(url, hosts, default)

    @classmethod
    def binary_content(cls, *args, **kwargs):
        # a link attachment (type "url") answers /web/content with a redirect to its URL
        status, headers, content = super(IrHttp, cls).binary_content(*args, **kwargs)
        if status == 301 and content and cls._qnetz_local_redirect(content, None) is None:
            return 404, [], None
        return status, headers, content

    @classmethod
    def _serve_attachment(cls):
        # an attachment served at its own URL redirects to its name if that is a URL
        response = super(IrHttp, cls)._serve_attachment()
        location = getattr(response, "location", None) or (
            response.headers.get("Location") if response is not None
            and hasattr(response, "headers") else None)
        if location and cls._qnetz_local_redirect(location, None) is None:
            return None
        return response
