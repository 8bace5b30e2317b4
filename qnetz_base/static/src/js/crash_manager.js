odoo.define('qnetz_base.crash_manager', function (require) {
"use strict";

// Odoo 11 titles the dialog of a refused action "Odoo Server Error - Warnung": the user met a
// rule of the network, not a broken server, and works in the network's application, not in
// "Odoo" (its comparison of a lazy translation with 'Warning' also never drops the " - Warnung").
// The dialog is titled by what happened, in the user's language.
var core = require('web.core');
var CrashManager = require('web.CrashManager');

var _t = core._t;
var _lt = core._lt;

// by the exception types of odoo/http.py serialize_exception
var TITLES = {
    user_error: _lt("Notice"),
    warning: _lt("Notice"),
    except_orm: _lt("Notice"),
    validation_error: _lt("Please check your entry"),
    access_error: _lt("Not allowed"),
    access_denied: _lt("Not allowed"),
    missing_error: _lt("Record no longer exists"),
};

function titled(error, title) {
    return _.extend({}, error, {type: String(title), data: _.extend({}, error.data, {title: ''})});
}

CrashManager.include({
    show_warning: function (error) {
        var kind = error.data && error.data.exception_type;
        if (TITLES[kind]) {
            return this._super(titled(error, TITLES[kind]));
        }
        // the client's own warnings (an expired session) keep their words, without the vendor
        var own = error.type ? String(error.type).replace(/^Odoo[\s-]*/i, '') : _t("Notice");
        return this._super(titled(error, own.charAt(0).toUpperCase() + own.slice(1)));
    },
    show_error: function (error) {
        // a fault of the program: the details stay for the administrator, the title says
        // what it is without naming the vendor
        return this._super(_.extend({}, error, {type: _t("Program error")}));
    },
});

var RedirectWarning = core.crash_registry.get('odoo.exceptions.RedirectWarning');
RedirectWarning.include({
    display: function () {
        this.error = titled(this.error, _t("Notice"));
        return this._super.apply(this, arguments);
    },
});

});
