// After a failed submit the form comes back with an error summary; focus moves there,
// so that screen readers read it and keyboard users start at the first problem.
(function () {
    'use strict';
    function focusSummary() {
        var summary = document.getElementById('qnetz_form_errors');
        if (summary) {
            summary.focus();
        }
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', focusSummary);
    } else {
        focusSummary();
    }
})();
