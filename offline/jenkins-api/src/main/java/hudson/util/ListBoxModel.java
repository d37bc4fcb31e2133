package hudson.util;

import java.util.ArrayList;
import org.kohsuke.stapler.HttpResponse;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {

    public ListBoxModel() {}

    public static final class Option {

        public String name;

        public String value;
    }
}
